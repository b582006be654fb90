# mse-plot posterior --level 0.8 --bins 15: the 80% central interval
tool: mse-plot
args: -k posterior -L 0.8 --bins 15 --script tests/data/plot-draws-norsk.csv
exit: 0
