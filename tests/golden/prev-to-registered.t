# estimated / registered (issue 17): mse-fit --by year on the KOM-style records, per 100,000 of gsi2018's 2016 population; 2016: 1015.9055 / 517 = 1.9650 by hand
tool: mse-prevalence
args: -p data/gsi2018.csv -k year -n 100000 -f csv -D 8 tests/data/prev-kom-by-year.csv
exit: 0
