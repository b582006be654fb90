# 300 nested parentheses: refused with a message, not a stack overflow (issue 18)
args: -M "$(printf '%0300d' 0 | tr 0 '(')A$(printf '%0300d' 0 | tr 0 ')')" data/Artificial_3.csv
exit: 1
