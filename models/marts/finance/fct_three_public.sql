-- 财政拨款"三公"经费: one row per item with its 预算数 and 决算数 (budgets: actual NULL).
with

three_public as (

    select * from {{ ref('stg_disclosures__three_public') }}
    {{- only_new_documents() }}

),

final as (

    select
        document_id,
        item,
        max(case when measure = 'budget' then amount_wan end) as budget_wan,
        max(case when measure = 'actual' then amount_wan end) as actual_wan,
        max(item_name) as item_name,
        max(source_file) as source_file,
        min(line_no) as line_no

    from three_public
    where
        item in (
            'total',
            'overseas_travel',
            'vehicle_total',
            'vehicle_purchase',
            'vehicle_operation',
            'reception'
        )
    group by document_id, item

)

select * from final
