with

source as (

    select * from {{ landing_relation('raw_quarantine') }}

),

renamed as (

    select
        nullif(document_id, '') as document_id,
        source_file,
        cast(line_no as integer) as line_no,
        nullif(family, '') as family,
        reason,
        text as line_text

    from source

)

select * from renamed
