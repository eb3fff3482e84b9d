with

source as (

    select * from {{ landing_relation('raw_three_public') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        item,
        item_name,
        measure,
        cast(nullif(amount_wan, '') as decimal(24, 6)) as amount_wan,
        amount_printed,
        cast(rounding_unit_wan as decimal(24, 6)) as rounding_unit_wan

    from source

)

select * from renamed
