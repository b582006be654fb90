# CR-only line ends (old Mac exports) are read
args: tests/data/good-cr-only.csv
exit: 0
