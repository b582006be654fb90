# mse-plot(1) example: mse-counts -q --wide data/kom-annual.csv | mse-plot -k trend --script -o kom.svg
tool: mse-plot
args: -k trend --script -o kom.svg
exit: 0
stdin: tests/data/kom-total.csv
