# 21 lists: more than a log-linear model can tabulate (mse.h MSE_DENSE_LISTS)
args: tests/data/bad-too-many-lists.csv
exit: 1
