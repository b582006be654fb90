# bad input bad-misplaced-quote
tool: mse-check
args: tests/data/bad-misplaced-quote.csv
exit: 1
