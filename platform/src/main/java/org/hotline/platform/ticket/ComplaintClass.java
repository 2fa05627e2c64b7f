package org.hotline.platform.ticket;

/** What a complaint is about (W2.2); MISUSE cases close with usage guidance. */
public enum ComplaintClass {
    /** 终端故障和维修质量 */
    PRODUCT_QUALITY,
    /** 系统故障 */
    SYSTEM_FAULT,
    /** 服务质量 */
    SERVICE_QUALITY,
    /** 服务人员 */
    STAFF_CONDUCT,
    /** 使用不当 */
    MISUSE
}
