# the search path of Cruyff's model_search on Western: BIC adds A:E, AIC A:B (at -inf), D:E, B:E, penalty 1 C:D (R 4.2.2 step(), scripts/path-reference.R)
args: -f csv -D 10 -s path data/Western.csv
exit: 0
