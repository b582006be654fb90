# bad input bad-unterminated-quote
args: tests/data/bad-unterminated-quote.csv
exit: 1
