# issue 18: counts that add up past 2^53 are refused (the total was off by 6)
args: tests/data/bad-count-sum.csv
exit: 1
