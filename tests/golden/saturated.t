# the saturated model is not identifiable
args: -M 'L1*L2*L3' data/HAV.csv
exit: 1
