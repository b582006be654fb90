# Artificial_3 all pairs not identifiable
args: -M 'A:B + A:C + B:C' data/Artificial_3.csv
exit: 1
