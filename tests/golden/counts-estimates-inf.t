# mse-counts --estimates: inf is not an estimate
tool: mse-counts
args: -q -f csv -e tests/data/bad-est-inf.csv data/kom-annual.csv
exit: 1
