# bad input bad-misplaced-quote
args: tests/data/bad-misplaced-quote.csv
exit: 1
