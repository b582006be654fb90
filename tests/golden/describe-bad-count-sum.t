# issue 18: mse-describe said no unit was seen twice when f_2 = 3
tool: mse-describe
args: tests/data/bad-count-sum.csv
exit: 1
