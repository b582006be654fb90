# bad input: 25 lists, semicolons and CRLF, a pattern given twice
args: -m lcm tests/data/bad-25-lists-twice.csv
exit: 1
