# Artificial_3 A:C+B:C extended MLE 296
args: -f csv -D 10 -M 'A:C + B:C' data/Artificial_3.csv
exit: 0
