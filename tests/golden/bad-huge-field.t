# bad input: a 1 MB count field, quoted in short
args: tests/data/bad-huge-field.csv
exit: 1
