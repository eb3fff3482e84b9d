-- One row per project performance table. A project is identified within its document by the
-- title line of its table (project_line_no); project_seq numbers the tables in document order,
-- so a budget that prints the same project twice (its 2022 and 2023 绩效目标表) keeps both.
with

projects as (

    select * from {{ ref('stg_performance__projects') }}
    {{- only_new_documents() }}

),

final as (

    select
        document_id
        || '#'
        || lpad(cast(row_number() over (partition by document_id order by line_no) as varchar), 3, '0')
            as project_key,
        document_id,
        cast(row_number() over (partition by document_id order by line_no) as integer) as project_seq,
        line_no as project_line_no,
        project_name,
        implementing_unit,
        implementing_unit_code,
        supervising_department,
        supervising_department_code,
        table_kind,
        layout,
        title,
        source_file

    from projects

)

select * from final
