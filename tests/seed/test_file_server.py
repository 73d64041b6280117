# test_file_server.py
import pytest
import asyncio
import tempfile
import os
from file_server import server

class TestFileServer:
    @pytest.mark.asyncio
    async def test_read_file(self):
        # Create temporary file
        with tempfile.NamedTemporaryFile(mode='w', delete=False) as f:
            f.write("test content")
            temp_path = f.name
        
        try:
            # Test the tool
            result = await server.call_tool("read_file", {"path": temp_path})
            assert len(result) == 1
            assert result[0].text == "test content"
        finally:
            os.unlink(temp_path)
    
    @pytest.mark.asyncio
    async def test_write_file(self):
        with tempfile.NamedTemporaryFile(delete=False) as f:
            temp_path = f.name
        
        try:
            # Test writing
            result = await server.call_tool("write_file", {
                "path": temp_path,
                "content": "new content"
            })
            assert "Successfully wrote" in result[0].text
            
            # Verify content
            with open(temp_path, 'r') as f:
                assert f.read() == "new content"
        finally:
            os.unlink(temp_path)

# Run tests
# pytest test_file_server.py
