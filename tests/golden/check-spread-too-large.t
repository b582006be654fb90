# --max-order too large for the spread: not computed, with the reason
tool: mse-check
args: -p spread,verdict -f text data/NewOrl.csv
exit: 0
