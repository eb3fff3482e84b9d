with

source as (

    select * from {{ landing_relation('raw_summary_lines') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        table_name,
        side,
        line_key,
        line_name,
        nullif(row_number, '') as row_number,
        fund,
        cast(nullif(amount_wan, '') as decimal(24, 6)) as amount_wan,
        amount_printed,
        cast(rounding_unit_wan as decimal(24, 6)) as rounding_unit_wan

    from source

)

select * from renamed
