# mse-counts --estimates: the row column, its total row left out, a missing year
tool: mse-counts
args: -q -f csv -e tests/data/good-est-row-gap.csv data/kom-annual.csv
exit: 0
