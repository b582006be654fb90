# a model term with a space names the backquote quoting of mse-fit(1) (issue 14)
args: -M 'Pro Sentret:Politiet' tests/data/good-quoted-utf8.csv
exit: 1
