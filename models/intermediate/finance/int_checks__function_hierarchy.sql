-- 类 = Σ款, 款 = Σ项 and 合计 = Σ类, for every function-subject table and measure.
with

amounts as (

    select * from {{ ref('stg_disclosures__function_amounts') }}
    {{- only_new_documents() }}

),

coded as (

    select
        *,
        case
            when subject_code = 'total' then null
            when length(subject_code) = 3 then 'total'
            else substring(subject_code, 1, length(subject_code) - 2)
        end as parent_code

    from amounts

),

totals as (

    select
        document_id,
        case
            when subject_code = 'total' then 'function_total_equals_sum_of_classes'
            when length(subject_code) = 3 then 'function_class_equals_sum_of_kuan'
            else 'function_kuan_equals_sum_of_xiang'
        end as rule_id,
        table_name,
        subject_code,
        measure as check_key,
        'total' as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from coded
    where subject_code = 'total' or length(subject_code) in (3, 5)

),

parts as (

    select
        document_id,
        case
            when parent_code = 'total' then 'function_total_equals_sum_of_classes'
            when length(parent_code) = 3 then 'function_class_equals_sum_of_kuan'
            else 'function_kuan_equals_sum_of_xiang'
        end as rule_id,
        table_name,
        parent_code as subject_code,
        measure as check_key,
        'part' as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from coded
    where parent_code is not null

),

terms as (

    select * from totals
    union all
    select * from parts

),

checks as (

    {{ identity_checks('terms') }}

),

final as (

    {{ flag_breaks('checks') }}

)

select * from final
