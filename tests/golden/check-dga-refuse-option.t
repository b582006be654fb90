# -m dga takes none of the options of the parts it does not offer
tool: mse-check
args: -m dga --subsets data/HAV.csv
exit: 2
