{#-
    Evaluate accounting identities from a relation of *terms*.

    Every identity rule model selects its terms in one shape:
        document_id, rule_id, table_name, subject_code, check_key,
        role ('total' = the printed value checked, 'part' = a printed value summed into the expected),
        sign (+1 / -1 for parts), term_family (the table family the term comes from),
        amount_wan, rounding_unit_wan, line_no
    and this macro turns them into one row per check:
        expected_wan = Σ sign × part (a part printed empty counts as 0),
        actual_wan   = the printed total (NULL when printed empty),
        difference_wan = actual (empty = 0) − expected,
        tolerance_wan = rounding tolerance over every term (macros/rounding.sql),
        is_break = |difference| > tolerance,
        is_extraction_complete = no table a term comes from had a line quarantined by the loader.
    A check is evaluated only when its total row and at least one part were printed.
-#}
{% macro identity_checks(terms) -%}

    select
        terms.document_id,
        terms.rule_id,
        terms.table_name,
        terms.subject_code,
        terms.check_key,
        sum(case when terms.role = 'part' then terms.sign * coalesce(terms.amount_wan, 0) end) as expected_wan,
        max(case when terms.role = 'total' then terms.amount_wan end) as actual_wan,
        coalesce(max(case when terms.role = 'total' then terms.amount_wan end), 0)
        - sum(case when terms.role = 'part' then terms.sign * coalesce(terms.amount_wan, 0) end) as difference_wan,
        {{ rounding_tolerance('sum(terms.rounding_unit_wan)') }} as tolerance_wan,
        min(case when terms.role = 'total' then terms.line_no end) as line_no,
        sum(case when terms.role = 'part' then 1 else 0 end) as part_count,
        min(case when coalesce(completeness.quarantined_count, 0) = 0 then 1 else 0 end) = 1
            as is_extraction_complete

    from {{ terms }} as terms
    left join {{ ref('int_table_completeness') }} as completeness
        on
            terms.document_id = completeness.document_id
            and terms.term_family = completeness.family

    group by
        terms.document_id,
        terms.rule_id,
        terms.table_name,
        terms.subject_code,
        terms.check_key

    having
        sum(case when terms.role = 'total' then 1 else 0 end) = 1
        and sum(case when terms.role = 'part' then 1 else 0 end) >= 1

{%- endmacro %}


{#- Flag the evaluated checks that break beyond tolerance. -#}
{% macro flag_breaks(checks) -%}

    select
        *,
        abs(difference_wan) > tolerance_wan as is_break
    from {{ checks }}

{%- endmacro %}
