# bad input: 25 lists by stratum (a sparse table), a pattern given twice
# in one stratum: file:line:column, both lines and the stratum
args: -m lcm --by year,kjønn tests/data/bad-25-lists-by-twice.csv
exit: 1
