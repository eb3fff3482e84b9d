{#-
    Generic test: an identity `expected = actual` holds within a tolerance on every row.
    Returns the rows that break it. Rows where either side is NULL (not printed) are skipped:
    a missing term is reported by the completeness tests, not as an arithmetic break.
-#}
{% test within_tolerance(model, expected, actual, tolerance) %}

select *
from {{ model }}
where
    ({{ expected }}) is not null
    and ({{ actual }}) is not null
    and abs(({{ expected }}) - ({{ actual }})) > ({{ tolerance }})

{% endtest %}
