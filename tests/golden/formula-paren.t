# unbalanced parenthesis
args: -M '(A:B' data/Western.csv
exit: 1
