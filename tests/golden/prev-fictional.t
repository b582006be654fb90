# mse-prevalence: estimates with intervals, populations and index by country, ranked
tool: mse-prevalence
args: -r -f text -p tests/data/index-fictional.csv -i tests/data/index-fictional.csv tests/data/estimates-fictional.csv
exit: 0
