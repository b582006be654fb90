# mse-plot posterior: 2000 lcm draws of N, median 4267 and 95% interval 4036.975 to 4540 as mse-fit -m lcm printed them (type 7 quantiles)
tool: mse-plot
args: -k posterior --script -o post.png tests/data/plot-draws-norsk.csv
exit: 0
