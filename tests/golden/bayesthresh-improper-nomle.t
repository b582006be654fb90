# bayesthresh --prior improper on Artificial_3: the model with every pair
# is not identifiable once A:C and B:C are fixed at -inf (note 3.3)
args: -m bayesthresh --prior improper data/Artificial_3.csv
exit: 1
