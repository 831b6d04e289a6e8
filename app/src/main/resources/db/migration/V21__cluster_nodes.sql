-- Several server nodes: the node that last linked a device, so a node closing its own stale link (or
-- restarting) cannot mark offline a device that has linked again through another node meanwhile.
ALTER TABLE device ADD COLUMN linked_node VARCHAR(255) NULL;

-- The node making a rendition: a node restarting remakes only its own unfinished ones, not another's.
ALTER TABLE media_rendition ADD COLUMN claimed_by VARCHAR(255) NULL;
