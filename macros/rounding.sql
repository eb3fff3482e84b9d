{#-
    Rounding tolerance (尾数误差), set in one place.

    An identity such as 合计 = Σ parts holds when |expected - actual| is within half a unit of
    the last printed digit of every term that takes part (the parts and the total): each printed
    value may be off by up to half its last digit. Pass the sum of the terms' rounding units
    (the seeds' rounding_unit_wan: 0.01 for `3,610.44` in 万元, 0.0001 for `36104400` in 元).
    The factor is the project variable rounding_tolerance_factor (dbt_project.yml).
-#}
{% macro rounding_tolerance(rounding_unit_sum) -%}
    (cast({{ var('rounding_tolerance_factor') }} as decimal(24, 6)) * ({{ rounding_unit_sum }}))
{%- endmacro %}
