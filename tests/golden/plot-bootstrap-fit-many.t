# mse-plot bootstrap --fit: a table of many models is not one fit (exit 1)
tool: mse-plot
args: -k bootstrap --fit tests/data/models-western.csv --script tests/data/plot-boot-norsk.csv
exit: 1
