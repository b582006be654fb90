# AICc with n = 5 observed: no model of the space has n > p + 1, so no choice (exit 1, the reason)
args: -s aicc tests/data/five-people.csv
exit: 1
