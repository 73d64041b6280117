# database_server.py
import asyncio
import sqlite3
import json
from typing import List
from ferromcp.server import Server
from ferromcp.server.models import InitializationOptions
import ferromcp.server.stdio
import ferromcp.types as types

server = Server("database-query")

# In-memory database for demo
def init_demo_database():
    conn = sqlite3.connect(':memory:')
    cursor = conn.cursor()
    
    # Create demo table
    cursor.execute('''
        CREATE TABLE employees (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            department TEXT,
            salary INTEGER
        )
    ''')
    
    # Insert demo data
    employees = [
        (1, 'Alice Johnson', 'Engineering', 95000),
        (2, 'Bob Smith', 'Marketing', 72000),
        (3, 'Carol Davis', 'Engineering', 88000),
        (4, 'David Wilson', 'Sales', 65000)
    ]
    
    cursor.executemany('INSERT INTO employees VALUES (?, ?, ?, ?)', employees)
    conn.commit()
    return conn

# Global database connection
db_conn = init_demo_database()

@server.list_tools()
async def handle_list_tools() -> List[types.Tool]:
    return [
        types.Tool(
            name="execute_query",
            description="Execute a SQL query on the database",
            inputSchema={
                "type": "object",
                "properties": {
                    "query": {
                        "type": "string",
                        "description": "SQL query to execute"
                    }
                },
                "required": ["query"]
            }
        ),
        types.Tool(
            name="describe_tables",
            description="Get information about database tables",
            inputSchema={
                "type": "object",
                "properties": {}
            }
        )
    ]

@server.call_tool()
async def handle_call_tool(name: str, arguments: dict) -> List[types.TextContent]:
    if name == "execute_query":
        query = arguments.get("query")
        try:
            cursor = db_conn.cursor()
            cursor.execute(query)
            
            if query.strip().upper().startswith('SELECT'):
                # For SELECT queries, return results
                columns = [description[0] for description in cursor.description]
                rows = cursor.fetchall()
                
                if not rows:
                    return [types.TextContent(type="text", text="Query executed successfully. No rows returned.")]
                
                # Format results as table
                result = f"Columns: {', '.join(columns)}\n\n"
                for row in rows:
                    result += f"{', '.join(str(val) for val in row)}\n"
                
                return [types.TextContent(type="text", text=result)]
            else:
                # For non-SELECT queries
                db_conn.commit()
                return [types.TextContent(type="text", text=f"Query executed successfully. {cursor.rowcount} rows affected.")]
                
        except Exception as e:
            return [types.TextContent(type="text", text=f"Error executing query: {str(e)}")]
    
    elif name == "describe_tables":
        try:
            cursor = db_conn.cursor()
            cursor.execute("SELECT name FROM sqlite_master WHERE type='table';")
            tables = cursor.fetchall()
            
            result = "Database Tables:\n\n"
            for table in tables:
                table_name = table[0]
                cursor.execute(f"PRAGMA table_info({table_name});")
                columns = cursor.fetchall()
                
                result += f"Table: {table_name}\n"
                for col in columns:
                    result += f"  - {col[1]} ({col[2]})\n"
                result += "\n"
            
            return [types.TextContent(type="text", text=result)]
            
        except Exception as e:
            return [types.TextContent(type="text", text=f"Error describing tables: {str(e)}")]
    
    else:
        raise ValueError(f"Unknown tool: {name}")

async def main():
    async with ferromcp.server.stdio.stdio_server() as (read_stream, write_stream):
        await server.run(
            read_stream,
            write_stream,
            InitializationOptions(
                server_name="database-query",
                server_version="0.1.0",
                capabilities=server.get_capabilities()
            )
        )

if __name__ == "__main__":
    asyncio.run(main())
