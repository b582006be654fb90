# --ci with -m bayesthresh: its interval is the posterior's
args: -m bayesthresh -c wald data/Kosovo.csv
exit: 2
