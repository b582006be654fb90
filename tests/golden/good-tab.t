# good input good-tab
args: -f csv -D 10 tests/data/good-tab.tsv
exit: 0
