# -s bic: the model chosen again on every table; the spread by BIC
tool: mse-check
args: -s bic -p lolo,sensitivity,spread -f text data/Kosovo.csv
exit: 0
