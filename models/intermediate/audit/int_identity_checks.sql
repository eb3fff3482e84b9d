-- Every accounting identity evaluated over the warehouse, one row per check.
{% set rule_models = [
    'int_checks__function_hierarchy',
    'int_checks__function_rows',
    'int_checks__summary',
    'int_checks__cross_table',
    'int_checks__economic',
    'int_checks__three_public',
] %}

with

{% for rule_model in rule_models %}
    {{ rule_model }} as (

        select * from {{ ref(rule_model) }}

    ),
{% endfor %}

unioned as (

    {% for rule_model in rule_models %}
        select
            document_id,
            rule_id,
            table_name,
            subject_code,
            check_key,
            cast(expected_wan as decimal(24, 6)) as expected_wan,
            cast(actual_wan as decimal(24, 6)) as actual_wan,
            cast(difference_wan as decimal(24, 6)) as difference_wan,
            cast(tolerance_wan as decimal(24, 6)) as tolerance_wan,
            line_no,
            is_extraction_complete,
            is_break
        from {{ rule_model }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        {{ dbt.hash(
            "document_id || '|' || rule_id || '|' || table_name"
            ~ " || '|' || coalesce(subject_code, '') || '|' || check_key"
        ) }} as check_id,
        *,
        rule_id || ' in ' || table_name
        || coalesce(' for ' || subject_code, '')
        || ' [' || check_key || ']: printed '
        || coalesce(cast(actual_wan as varchar), 'nothing (empty cell)')
        || ', the parts sum to ' || cast(expected_wan as varchar)
        || ' (difference ' || cast(difference_wan as varchar)
        || ', tolerance ' || cast(tolerance_wan as varchar) || ')'
        || coalesce(', line ' || cast(line_no as varchar), '') as message

    from unioned

)

select * from final
