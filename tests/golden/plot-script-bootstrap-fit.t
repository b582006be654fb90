# mse-plot bootstrap --fit: the estimate and the 95% BCa interval of mse-fit's output as vertical lines in the key
tool: mse-plot
args: -k bootstrap --fit tests/data/plot-fit-norsk.csv --script -o boot.png tests/data/plot-boot-norsk.csv
exit: 0
