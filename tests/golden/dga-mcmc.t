# dga, MCMC over graphs on six lists: runs and acceptance
args: -m dga --nmax 30000 --step 10 --iterations 20000 --top 2 -f csv data/UKdat.csv
exit: 0
