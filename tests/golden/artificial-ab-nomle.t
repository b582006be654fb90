# Artificial_3 A:B has no MLE
args: -M A:B data/Artificial_3.csv
exit: 1
