-- 三公经费: 合计 = 因公出国(境)费 + 公务用车购置及运行(维护)费 + 公务接待费;
-- 公务用车购置及运行费 = 购置费 + 运行维护费; budgets: 因公出国(境)费 = its two sub-items;
-- separately for 预算数 and 决算数.
with

amounts as (

    select * from {{ ref('stg_disclosures__three_public') }}
    {{- only_new_documents() }}

),

groups as (

    select
        *,
        case
            when item = 'total' then 'three_public_total_equals_sum_of_items'
            when item = 'vehicle_total' then 'three_public_vehicle_equals_purchase_plus_operation'
            when item = 'overseas_travel' then 'three_public_overseas_equals_sub_items'
        end as total_of_rule,
        case
            when item in ('overseas_travel', 'vehicle_total', 'reception')
                then 'three_public_total_equals_sum_of_items'
            when item in ('vehicle_purchase', 'vehicle_operation')
                then 'three_public_vehicle_equals_purchase_plus_operation'
            when item in ('overseas_travel_education_research', 'overseas_travel_other')
                then 'three_public_overseas_equals_sub_items'
        end as part_of_rule

    from amounts

),

terms as (

    select
        document_id,
        total_of_rule as rule_id,
        'three_public' as table_name,
        cast(null as varchar) as subject_code,
        measure as check_key,
        'total' as role,
        1 as sign,
        'three_public' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no
    from groups
    where total_of_rule is not null

    union all

    select
        document_id,
        part_of_rule as rule_id,
        'three_public' as table_name,
        cast(null as varchar) as subject_code,
        measure as check_key,
        'part' as role,
        1 as sign,
        'three_public' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no
    from groups
    where part_of_rule is not null

),

checks as (

    {{ identity_checks('terms') }}

),

final as (

    {{ flag_breaks('checks') }}

)

select * from final
