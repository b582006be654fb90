# mse-prevalence: KOM's counts per 100,000 and as a share of the index (2016 only)
tool: mse-prevalence
args: -c total -n 100000 -p data/gsi2018.csv -i data/gsi2018.csv -
exit: 0
stdin: tests/data/kom-wide.csv
