# bad input bad-unterminated-quote
tool: mse-check
args: tests/data/bad-unterminated-quote.csv
exit: 1
