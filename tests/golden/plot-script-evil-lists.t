# mse-plot: list names from the data, quoted
tool: mse-plot
args: -k lists --script tests/data/evil-lists.csv
exit: 0
