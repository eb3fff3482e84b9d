-- Every accounting identity evaluated over the warehouse, one row per check: the finance
-- rules (int_checks__*) and the project-performance rules (int_performance_identity_checks).
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
        {{- only_new_documents() }}

    ),
{% endfor %}

performance_checks as (

    select * from {{ ref('int_performance_identity_checks') }}
    {{- only_new_documents() }}

),

finance as (

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

finance_messages as (

    select
        *,
        rule_id || ' in ' || table_name
        || coalesce(' for ' || subject_code, '')
        || ' [' || check_key || ']: printed '
        || coalesce(cast(actual_wan as varchar), 'nothing (empty cell)')
        || ', the parts sum to ' || cast(expected_wan as varchar)
        || ' (difference ' || cast(difference_wan as varchar)
        || ', tolerance ' || cast(tolerance_wan as varchar) || ')'
        || coalesce(', line ' || cast(line_no as varchar), '') as message

    from finance

),

-- The performance checks are evaluated only over completely extracted projects.
performance as (

    select
        document_id,
        rule_id,
        table_name,
        subject_code,
        'line ' || cast(line_no as varchar) as check_key,
        expected_wan,
        actual_wan,
        difference_wan,
        tolerance_wan,
        line_no,
        true as is_extraction_complete,
        is_break,
        message

    from performance_checks

),

unioned as (

    select * from finance_messages
    union all
    select * from performance

),

final as (

    select
        {{ dbt.hash(
            "document_id || '|' || rule_id || '|' || table_name"
            ~ " || '|' || coalesce(subject_code, '') || '|' || check_key"
        ) }} as check_id,
        *

    from unioned

)

select * from final
