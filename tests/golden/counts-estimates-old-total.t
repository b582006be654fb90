# mse-counts --estimates: the old --by shape, its total row left out
tool: mse-counts
args: -q -f csv -e tests/data/good-est-old-total.csv data/kom-annual.csv
exit: 0
