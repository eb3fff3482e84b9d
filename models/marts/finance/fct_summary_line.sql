with

summary_lines as (

    select * from {{ ref('stg_disclosures__summary_lines') }}
    {{- only_new_documents() }}

),

final as (

    select
        document_id,
        table_name,
        side,
        line_key,
        line_name,
        fund,
        amount_wan,
        row_number,
        amount_printed,
        source_file,
        line_no

    from summary_lines

)

select * from final
